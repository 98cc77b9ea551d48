namespace StructGen.Cassettes
{
    /// <summary>An interaction whose request and response metadata are known while its body may still be streaming.</summary>
    internal sealed class PendingInteraction
    {
        public PendingInteraction(CassetteRequest request)
        {
            Request = request;
        }

        public CassetteRequest Request { get; }

        /// <summary>The response metadata; its body is filled from <see cref="Capture"/> when the cassette is built.</summary>
        public CassetteResponse? Response { get; set; }

        public ResponseCapture? Capture { get; set; }
    }
}
