namespace StructGen.Streaming
{
    /// <summary>How far a member of a partial object has arrived.</summary>
    public enum FieldState : byte
    {
        /// <summary>Nothing of this member has arrived yet.</summary>
        Missing = 0,

        /// <summary>
        /// The member has started. Strings show a prefix of their final value, lists show the
        /// elements so far and objects show their members so far. Numbers, booleans, enum values and
        /// nulls never show this state with a value: they appear only once complete.
        /// </summary>
        Streaming = 1,

        /// <summary>The member's value is final and will never change again.</summary>
        Complete = 2,
    }
}
