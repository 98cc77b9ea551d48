using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Threading.Tasks;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>One response of an SSE endpoint: its raw byte count, its events and its text, parsed by the platform's SseParser.</summary>
    public sealed record SseCapture(long Bytes, IReadOnlyList<SseItem<string>> Events, string ContentType, string Text)
    {
        public static async Task<SseCapture> GetAsync(HttpClient http, string url, string? lastEventId = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var events = new List<SseItem<string>>();
            await foreach (var item in SseParser.Create(new MemoryStream(bytes)).EnumerateAsync()) events.Add(item);
            return new SseCapture(bytes.LongLength, events, response.Content.Headers.ContentType?.MediaType ?? string.Empty, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }
}
