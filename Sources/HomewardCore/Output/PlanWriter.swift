/// Writes plan.csv: one row per person, with the cost of their placement
/// component by component and the reason in plain words.
public enum PlanWriter {
    public static let columns = [
        "prisoner_id", "from", "to", "moved", "distance_km_from", "distance_km_to", "distance_miles_from",
        "distance_miles_to", "stage", "cost", "cost_family_distance", "cost_out_of_home_region", "cost_move",
        "cost_function_mismatch", "cost_over_security", "cost_unmet_intervention", "cost_crowding", "cost_unplaced",
        "reason_code", "reason",
    ]

    /// The plan as CSV text, in prisoner-id order.
    public static func csv(_ allocation: Allocation) -> String {
        let f = allocation.formulation
        let estate = f.cost.estate
        let geography = f.cost.geography
        let distances = f.cost.distances
        var out = columns.joined(separator: ",") + "\n"
        out.reserveCapacity(allocation.plan.placements.count * 160)
        for placement in allocation.plan.placements {
            let prisoner = f.population.prisoners[placement.prisoner]
            let home = geography.index(of: prisoner.home)!
            let from = prisoner.current.flatMap { estate.index(of: $0) }
            let to = placement.destination
            let kmFrom = from.map { distances.km(home, $0) }
            let kmTo = to.map { distances.km(home, $0) }
            var fields: [String] = [
                csvField(prisoner.id.rawValue),
                prisoner.current?.rawValue ?? "",
                to.map { estate.establishments[$0].code.rawValue } ?? "",
                placement.moved ? "true" : "false",
                kmFrom.map { Format.fixed($0, 1) } ?? "",
                kmTo.map { Format.fixed($0, 1) } ?? "",
                kmFrom.map { Format.fixed($0 / DistanceTable.kmPerMile, 1) } ?? "",
                kmTo.map { Format.fixed($0 / DistanceTable.kmPerMile, 1) } ?? "",
                f.profiles[f.profileOfPrisoner[placement.prisoner]].stage.rawValue,
                Format.points(placement.cost.total),
            ]
            fields += placement.cost.components.map { Format.points($0.centipoints) }
            fields.append(placement.reason.code)
            fields.append(csvField(placement.reason.text))
            out += fields.joined(separator: ",")
            out += "\n"
        }
        return out
    }
}
