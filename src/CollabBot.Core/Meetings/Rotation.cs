namespace CollabBot.Core.Meetings;

/// <summary>
/// Who takes a duty (chair, minutes…) at each coming occurrence, chosen fairly among its volunteers: fewest turns so
/// far first, then the longest since their last turn (never served first), then who volunteered first; never the
/// same person twice in a row while someone else is free. A pure function: the plan follows from the turns already
/// served and who is away when, so every reader computes the same plan.
/// </summary>
public static class Rotation
{
    /// <param name="volunteers">Person ids in the order they volunteered.</param>
    /// <param name="served">Turns already served, oldest first, as (occurrence index, person).</param>
    /// <param name="dates">The coming occurrences in order, each with the people away then.</param>
    /// <returns>The person for each coming occurrence, or null when every volunteer is away.</returns>
    public static IReadOnlyList<int?> Plan(IReadOnlyList<int> volunteers, IReadOnlyList<int> served, IReadOnlyList<IReadOnlySet<int>> dates)
    {
        var turns = volunteers.ToDictionary(v => v, _ => 0);
        var last = volunteers.ToDictionary(v => v, _ => -1);
        var position = 0;
        int? previous = null;
        foreach (var person in served)
        {
            if (turns.ContainsKey(person))
            {
                turns[person]++;
                last[person] = position;
            }

            previous = person;
            position++;
        }

        var plan = new List<int?>();
        foreach (var away in dates)
        {
            var free = volunteers.Where(v => !away.Contains(v)).ToList();
            var candidates = free.Count > 1 && previous is { } p ? free.Where(v => v != p).ToList() : free;
            int? chosen = candidates.Count == 0 ? null : candidates
                .OrderBy(v => turns[v])
                .ThenBy(v => last[v])
                .ThenBy(v => volunteers.IndexOf(v))
                .First();
            if (chosen is { } c)
            {
                turns[c]++;
                last[c] = position;
            }

            plan.Add(chosen);
            previous = chosen;
            position++;
        }

        return plan;
    }

    private static int IndexOf(this IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
