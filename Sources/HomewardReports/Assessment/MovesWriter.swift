import HomewardCore

/// moves.csv: the people an estate change moves, for those who plan the
/// transfers. It names people, so it is never part of the published report.
public enum MovesWriter {
    public static let columns = [
        "prisoner_id", "from_as_is", "to_as_changed", "miles_before", "miles_after", "change_miles", "km_before", "km_after",
        "sex", "age", "category", "stage", "home_lad", "home_region", "days_to_release", "reason",
    ]

    /// The moves, in prisoner-id order.
    public static func csv(_ people: [PersonComparison]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for p in people where p.isAffected {
            let fields: [String] = [
                csvField(p.prisoner.id.rawValue), p.fromCode?.rawValue ?? "", p.toCode?.rawValue ?? "",
                p.milesBefore.map { Format.fixed($0, 1) } ?? "", p.milesAfter.map { Format.fixed($0, 1) } ?? "",
                p.milesChange.map { Format.fixed($0, 1) } ?? "",
                p.kmBefore.map { Format.fixed($0, 1) } ?? "", p.kmAfter.map { Format.fixed($0, 1) } ?? "",
                p.prisoner.sex.rawValue, String(p.prisoner.age), p.prisoner.category.rawValue, p.stage.rawValue,
                p.prisoner.home.rawValue, csvField(p.homeRegion), p.prisoner.daysToRelease.map(String.init) ?? "",
                csvField(p.changeReason),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }
}
