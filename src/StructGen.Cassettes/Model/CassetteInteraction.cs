namespace StructGen.Cassettes
{
    /// <summary>One recorded request/response pair (an item of <c>interactions:</c>).</summary>
    public sealed class CassetteInteraction
    {
        /// <summary>The interaction id (<c>id:</c>); go-vcr numbers interactions from 0 in recording order.</summary>
        public int Id { get; set; }

        /// <summary>The recorded request (<c>request:</c>).</summary>
        public CassetteRequest Request { get; set; } = new CassetteRequest();

        /// <summary>The recorded response (<c>response:</c>).</summary>
        public CassetteResponse Response { get; set; } = new CassetteResponse();
    }
}
