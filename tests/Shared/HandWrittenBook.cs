// Written by hand in the exact shape the generator emits for a [StructuredOutput] record, so the
// runtime engine and the integration packages are tested on their own, independent of the generator.
// Keep it in step with the emitters. The schema and response format are the generator's output for the
// BookStreaming sample's Book. Linked into StructGen.Tests and StructGen.Integrations.Tests.
using System;
using System.Collections.Generic;
using StructGen;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Tests.Shared
{
    public sealed record HandAuthor(string Name, string Nationality);

    public sealed record HandBook(string Title, HandAuthor Author, IReadOnlyList<string> Genres, int PublishedYear)
    {
        public const string Schema = """{"type":"object","properties":{"title":{"type":"string","description":"The book title"},"author":{"type":"object","properties":{"name":{"type":"string","description":"Author's name"},"nationality":{"type":"string","description":"Author's nationality"}},"required":["name","nationality"],"additionalProperties":false},"genres":{"type":"array","description":"List of genres","items":{"type":"string"}},"published_year":{"type":"integer","description":"Year the book was published"}},"required":["title","author","genres","published_year"],"additionalProperties":false}""";

        public const string Description = "A book with title, author, genres, and publication year";

        public static StructuredOutputType<HandBook, HandBookPartial> StructuredOutput { get; } =
            new StructuredOutputType<HandBook, HandBookPartial>(
                name: "Book",
                description: Description,
                jsonSchema: Schema,
                naturalJsonSchema: Schema.Replace(",\"additionalProperties\":false", string.Empty),
                createRoot: static () => new HandBookPartial.Node(null, null, -1, allowNull: false));
    }

    public sealed class HandBookPartial
    {
        private readonly LazyText? _title;

        internal HandBookPartial(
            FieldState state,
            LazyText? title, FieldState titleState,
            HandAuthorPartial? author, FieldState authorState,
            PartialList<string>? genres, FieldState genresState,
            int? publishedYear, FieldState publishedYearState)
        {
            State = state;
            _title = title;
            TitleState = titleState;
            Author = author;
            AuthorState = authorState;
            Genres = genres;
            GenresState = genresState;
            PublishedYear = publishedYear;
            PublishedYearState = publishedYearState;
        }

        public FieldState State { get; }
        public string? Title => _title?.Value;
        public FieldState TitleState { get; }
        public HandAuthorPartial? Author { get; }
        public FieldState AuthorState { get; }
        public PartialList<string>? Genres { get; }
        public FieldState GenresState { get; }
        public int? PublishedYear { get; }
        public FieldState PublishedYearState { get; }

        internal sealed class Node : ObjectNode<HandBook, HandBookPartial>
        {
            private StringNode? _title;
            private HandAuthorPartial.Node? _author;
            private ListNode<string, string>? _genres;
            private NumberNode<int>? _publishedYear;

            public Node(PartialNode? parent, string? propertyName, int index, bool allowNull)
                : base(parent, propertyName, index, allowNull)
            {
            }

            /// <summary>The genres node, once the list started (for element streaming).</summary>
            public ListNode<string, string>? Genres => _genres;

            protected override PartialNode? ResolveProperty(ReadOnlySpan<char> name)
            {
                if (Is(name, "title")) return _title ??= new StringNode(this, "title", -1, allowNull: false);
                if (Is(name, "author")) return _author ??= new HandAuthorPartial.Node(this, "author", -1, allowNull: false);
                if (Is(name, "genres")) return _genres ??= new ListNode<string, string>(this, "genres", -1, allowNull: false,
                    static (parent, index) => new StringNode(parent, null, index, allowNull: false),
                    static element => ((StringNode)element).GetValue(),
                    static element => ((StringNode)element).SnapshotString()!);
                if (Is(name, "published_year")) return _publishedYear ??= new NumberNode<int>(this, "published_year", -1, allowNull: false, JsonValueParsers.Int32, "an integer (Int32)");
                return null;
            }

            protected override HandBookPartial BuildSnapshot() => new HandBookPartial(
                State,
                _title?.Snapshot(), StateOf(_title),
                _author?.Snapshot(), StateOf(_author),
                _genres?.Snapshot(), StateOf(_genres),
                _publishedYear?.Snapshot(), StateOf(_publishedYear));

            protected override HandBook BuildValue() => new HandBook(
                Required(_title, "title", "a string"),
                Required(_author, "author", "an object"),
                Required(_genres, "genres", "an array").ToArray(),
                Required(_publishedYear, "published_year", "an integer (Int32)"));
        }
    }

    public sealed class HandAuthorPartial
    {
        private readonly LazyText? _name;
        private readonly LazyText? _nationality;

        internal HandAuthorPartial(FieldState state, LazyText? name, FieldState nameState, LazyText? nationality, FieldState nationalityState)
        {
            State = state;
            _name = name;
            NameState = nameState;
            _nationality = nationality;
            NationalityState = nationalityState;
        }

        public FieldState State { get; }
        public string? Name => _name?.Value;
        public FieldState NameState { get; }
        public string? Nationality => _nationality?.Value;
        public FieldState NationalityState { get; }

        internal sealed class Node : ObjectNode<HandAuthor, HandAuthorPartial>
        {
            private StringNode? _name;
            private StringNode? _nationality;

            public Node(PartialNode? parent, string? propertyName, int index, bool allowNull)
                : base(parent, propertyName, index, allowNull)
            {
            }

            protected override PartialNode? ResolveProperty(ReadOnlySpan<char> name)
            {
                if (Is(name, "name")) return _name ??= new StringNode(this, "name", -1, allowNull: false);
                if (Is(name, "nationality")) return _nationality ??= new StringNode(this, "nationality", -1, allowNull: false);
                return null;
            }

            protected override HandAuthorPartial BuildSnapshot() => new HandAuthorPartial(
                State, _name?.Snapshot(), StateOf(_name), _nationality?.Snapshot(), StateOf(_nationality));

            protected override HandAuthor BuildValue() => new HandAuthor(
                Required(_name, "name", "a string"),
                Required(_nationality, "nationality", "a string"));
        }
    }
}
