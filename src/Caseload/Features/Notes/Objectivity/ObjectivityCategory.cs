using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caseload.Features.Notes.Objectivity;

/// <summary>The kind of non-objective language a finding points at.</summary>
[JsonConverter(typeof(ObjectivityCategoryJsonConverter))]
public enum ObjectivityCategory
{
    /// <summary>A label of character: "lazy", "manipulative", "uncooperative".</summary>
    Judgement,

    /// <summary>Certainty without evidence: "clearly", "it is evident that".</summary>
    Certainty,

    /// <summary>A guess or impression: "I think", "seems to be", "probably".</summary>
    Speculation,

    /// <summary>An emotive description: "disgusting", "bad mother".</summary>
    ValueLaden,

    /// <summary>A generalisation: "always", "typical of this family", "as usual".</summary>
    Generalisation,

    /// <summary>A forecast of a person's future stated as fact: "will end up in care", "is heading for a breakdown".</summary>
    Prediction,

    /// <summary>A favourable verdict on a person, place or piece of work: "a delightful boy", "a great mum".</summary>
    FavourableJudgement,
}

public static class ObjectivityCategoryCodes
{
    public const string Judgement = "judgement";
    public const string Certainty = "certainty";
    public const string Speculation = "speculation";
    public const string ValueLaden = "value-laden";
    public const string Generalisation = "generalisation";
    public const string Prediction = "prediction";
    public const string FavourableJudgement = "favourable-judgement";

    public static IReadOnlyList<string> All { get; } = [Judgement, Certainty, Speculation, ValueLaden, Generalisation, Prediction, FavourableJudgement];

    /// <summary>The stable API string of the category.</summary>
    public static string ToCode(this ObjectivityCategory category) => category switch
    {
        ObjectivityCategory.Judgement => Judgement,
        ObjectivityCategory.Certainty => Certainty,
        ObjectivityCategory.Speculation => Speculation,
        ObjectivityCategory.ValueLaden => ValueLaden,
        ObjectivityCategory.Generalisation => Generalisation,
        ObjectivityCategory.Prediction => Prediction,
        ObjectivityCategory.FavourableJudgement => FavourableJudgement,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown objectivity category."),
    };

    public static bool TryParse(string? code, [NotNullWhen(true)] out ObjectivityCategory? category)
    {
        category = code switch
        {
            Judgement => ObjectivityCategory.Judgement,
            Certainty => ObjectivityCategory.Certainty,
            Speculation => ObjectivityCategory.Speculation,
            ValueLaden => ObjectivityCategory.ValueLaden,
            Generalisation => ObjectivityCategory.Generalisation,
            Prediction => ObjectivityCategory.Prediction,
            FavourableJudgement => ObjectivityCategory.FavourableJudgement,
            _ => null,
        };
        return category is not null;
    }
}

/// <summary>Writes and reads the category as its API string ("value-laden"), never as a number.</summary>
public sealed class ObjectivityCategoryJsonConverter : JsonConverter<ObjectivityCategory>
{
    public override ObjectivityCategory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var code = reader.GetString();
        return ObjectivityCategoryCodes.TryParse(code, out var category)
            ? category.Value
            : throw new JsonException($"Unknown objectivity category \"{code}\".");
    }

    public override void Write(Utf8JsonWriter writer, ObjectivityCategory value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToCode());
    }
}
