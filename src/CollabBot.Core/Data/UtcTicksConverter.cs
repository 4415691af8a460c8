using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollabBot.Core.Data;

/// <summary>Stores an instant as UTC ticks (SQLite), read back as an offset of zero.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
