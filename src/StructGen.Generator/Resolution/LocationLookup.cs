using System.Collections.Generic;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>Finds the source location of a type or member recorded by the parser.</summary>
    internal sealed class LocationLookup
    {
        private readonly Dictionary<(string, string), LocationInfo> _locations = new Dictionary<(string, string), LocationInfo>();

        public LocationLookup(EquatableArray<MemberLocation> locations)
        {
            foreach (MemberLocation location in locations)
            {
                _locations[(location.TypeName, location.MemberName)] = location.Location;
            }
        }

        /// <summary>The member's location, else its type's, else null.</summary>
        public LocationInfo? Find(string typeName, string memberName = "")
        {
            if (memberName.Length > 0 && memberName[0] == '@')
            {
                memberName = memberName.Substring(1);
            }

            if (_locations.TryGetValue((typeName, memberName), out LocationInfo? location))
            {
                return location;
            }

            return _locations.TryGetValue((typeName, string.Empty), out location) ? location : null;
        }
    }
}
