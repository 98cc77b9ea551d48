using StructGen.Generator.Diagnostics;

namespace StructGen.Generator.Parsing
{
    /// <summary>The member being mapped, for diagnostics that name it.</summary>
    internal readonly struct MemberSite
    {
        public MemberSite(string memberName, string ownerName, LocationInfo? location)
        {
            MemberName = memberName;
            OwnerName = ownerName;
            Location = location;
        }

        public string MemberName { get; }

        public string OwnerName { get; }

        public LocationInfo? Location { get; }
    }
}
