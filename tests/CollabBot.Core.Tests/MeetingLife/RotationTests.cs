using CollabBot.Core.Meetings;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>The fairness rule of duty rotations, as properties over random volunteer sets and absences.</summary>
public sealed class RotationTests
{
    [Fact]
    public void Plan_NoHistory_TakesVolunteersInTurn()
    {
        var plan = Rotation.Plan([7, 3, 5], [], [.. Enumerable.Repeat<IReadOnlySet<int>>(new HashSet<int>(), 6)]);

        Assert.Equal([7, 3, 5, 7, 3, 5], plan);
    }

    [Fact]
    public void Plan_FewestPastTurnsFirst_ThenLongestSinceTheLast()
    {
        // 3 served twice, 7 once long ago, 5 once just now: 7 goes first (fewest, and longer ago than 5).
        var plan = Rotation.Plan([7, 3, 5], [3, 7, 3, 5], [new HashSet<int>(), new HashSet<int>()]);

        Assert.Equal([7, 5], plan);
    }

    [Fact]
    public void Plan_EveryoneElseAway_TheSamePersonMayServeAgain_AndNobodyFreeMeansNobody()
    {
        var plan = Rotation.Plan([1, 2], [1], [new HashSet<int> { 2 }, new HashSet<int> { 1, 2 }]);

        Assert.Equal([1, null], plan);
    }

    /// <summary>
    /// Over 500 random cases (2–8 volunteers, some always available and the others away at random, 1–40 dates, random
    /// history of served turns that started fair): among people always available, counts never differ by more than one,
    /// and nobody serves twice in a row while another volunteer is free.
    /// </summary>
    [Fact]
    public void Plan_RandomVolunteersAndAbsences_AlwaysAvailableCountsDifferByAtMostOne_AndNeverTwiceInARow()
    {
        var random = new Random(20261207);
        for (var run = 0; run < 500; run++)
        {
            var volunteers = Enumerable.Range(1, random.Next(2, 9)).Select(i => i * 10 + random.Next(10)).Distinct().OrderBy(_ => random.Next()).ToList();
            var always = volunteers.Where(_ => random.Next(3) > 0).ToHashSet();
            var sometimes = volunteers.Where(v => !always.Contains(v)).ToList();
            var dates = Enumerable.Range(0, random.Next(1, 41))
                .Select(_ => (IReadOnlySet<int>)sometimes.Where(_ => random.Next(2) == 0).ToHashSet())
                .ToList();

            var plan = Rotation.Plan(volunteers, [], dates);

            var counts = always.ToDictionary(v => v, v => plan.Count(p => p == v));
            var context = $"run {run}: volunteers [{string.Join(',', volunteers)}], always [{string.Join(',', always)}], plan [{string.Join(',', plan)}]";
            if (counts.Count > 1)
            {
                Assert.True(counts.Values.Max() - counts.Values.Min() <= 1, context);
            }

            for (var i = 1; i < plan.Count; i++)
            {
                var othersFree = volunteers.Any(v => v != plan[i] && !dates[i].Contains(v));
                Assert.False(plan[i] is not null && plan[i] == plan[i - 1] && othersFree, context + $", date {i}");
            }

            Assert.All(plan.Select((p, i) => (p, i)), x => Assert.True(x.p is null ? volunteers.All(v => dates[x.i].Contains(v)) : !dates[x.i].Contains(x.p.Value), context));
        }
    }
}
