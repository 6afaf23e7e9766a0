import HomewardCore

/// Writes plan.csv: one row per person, with the cost of their placement
/// component by component and the reason in plain words.
public enum PlanWriter {
    public static let columns = [
        "prisoner_id", "from", "to", "moved", "distance_km_from", "distance_km_to", "distance_miles_from",
        "distance_miles_to", "stage", "cost", "cost_family_distance", "cost_out_of_home_region", "cost_move",
        "cost_function_mismatch", "cost_over_security", "cost_unmet_intervention", "cost_crowding", "cost_reception_reserve",
        "cost_open_category_in_closed", "cost_unplaced",
        "reason_code", "reason",
    ]

    /// The plan as CSV text, in prisoner-id order.
    public static func csv(_ allocation: Allocation) -> String {
        let f = allocation.formulation
        let estate = f.cost.estate
        let distances = f.cost.distances
        // Each profile's home area and stage, and each person's current establishment, looked up once rather than
        // by code for every person.
        let homes = f.profiles.map(\.home), stages = f.profiles.map { Array($0.stage.rawValue.utf8) }
        let current = f.currentEstablishments
        // The pieces that repeat on every line, in UTF-8 once: codes, and the reason of everyone who stays.
        let codes = estate.establishments.map { Array($0.code.rawValue.utf8) }
        let stays = Array((PlacementReason.stays.code + "," + csvField(PlacementReason.stays.text)).utf8)
        var out = TextBuffer(capacity: allocation.plan.placements.count * 170)
        out.append(columns.joined(separator: ",") + "\n")
        let comma = UInt8(ascii: ",")
        for placement in allocation.plan.placements {
            let profile = f.profileOfPrisoner[placement.prisoner]
            let home = homes[profile]
            let from = current[placement.prisoner]
            let to = placement.destination
            out.append(csvField(f.population.prisoners[placement.prisoner].id.rawValue))
            out.append(comma)
            if let from { out.append(utf8: codes[from]) }
            out.append(comma)
            if let to { out.append(utf8: codes[to]) }
            out.append(placement.moved ? ",true," : ",false,")
            let kmFrom = from.map { distances.km(home, $0) }
            let kmTo = to.map { distances.km(home, $0) }
            if let kmFrom { out.append(fixed: kmFrom, 1) }
            out.append(comma)
            if let kmTo { out.append(fixed: kmTo, 1) }
            out.append(comma)
            if let kmFrom { out.append(fixed: kmFrom / DistanceTable.kmPerMile, 1) }
            out.append(comma)
            if let kmTo { out.append(fixed: kmTo / DistanceTable.kmPerMile, 1) }
            out.append(comma)
            out.append(utf8: stages[profile])
            out.append(comma)
            let c = placement.cost
            out.append(points: c.total)
            // The components in the order of the columns (one by one: no array for each line).
            func component(_ value: Int64) {
                out.append(comma)
                out.append(points: value)
            }
            component(c.familyDistance)
            component(c.outOfHomeRegion)
            component(c.move)
            component(c.functionMismatch)
            component(c.overSecurity)
            component(c.unmetIntervention)
            component(c.crowding)
            component(c.receptionReserve)
            component(c.openCategoryInClosed)
            component(c.unplaced)
            out.append(comma)
            if case .stays = placement.reason {
                out.append(utf8: stays)
            } else {
                out.append(placement.reason.code)
                out.append(comma)
                out.append(csvField(placement.reason.text))
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out.text
    }
}
