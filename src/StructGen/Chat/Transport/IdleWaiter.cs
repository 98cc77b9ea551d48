namespace StructGen.Chat.Transport
{
    /// <summary>
    /// One party that waits on the server under an idle timeout (see <see cref="IdleWatch"/>). The links of the
    /// watch's lists live here, so listing a wait allocates nothing.
    /// </summary>
    internal abstract class IdleWaiter
    {
        // Owned by the watch, under its lock.
        internal IdleWatch.Bucket? ListedIn;
        internal IdleWaiter? PreviousWaiter;
        internal IdleWaiter? NextWaiter;

        /// <summary>
        /// The wait listed lasted past its deadline. Called once per listing, on the watch's timer thread (or on the
        /// arming thread when the bucket was already due).
        /// </summary>
        internal abstract void OnIdleExpired();
    }
}
