import HomewardCore

extension Assessment {
    /// Flows of moved people between two establishments, in order of their codes, that are big enough to publish,
    /// and the number of people in the flows too small to draw.
    static func flows(_ affected: [PersonComparison], before estateBefore: Estate, after estateAfter: Estate,
                      disclosure d: Disclosure) -> (flows: [Flow], hidden: Int) {
        var pairs: [String: Int] = [:]
        for p in affected {
            guard let from = p.fromCode, let to = p.toCode else { continue }
            pairs["\(from.rawValue)>\(to.rawValue)", default: 0] += 1
        }
        var flows: [Flow] = []
        var hidden = 0
        for (key, count) in pairs.sorted(by: { $0.key < $1.key }) {
            let codes = key.split(separator: ">").map { PrisonCode(String($0)) }
            guard let a = estateBefore.establishment(codes[0]) ?? estateAfter.establishment(codes[0]),
                  let b = estateAfter.establishment(codes[1]) ?? estateBefore.establishment(codes[1]) else { continue }
            if d.allows(people: count) {
                flows.append(Flow(from: a.code.rawValue, to: b.code.rawValue, count: count, fromLatitude: a.latitude,
                                  fromLongitude: a.longitude, toLatitude: b.latitude, toLongitude: b.longitude))
            } else {
                hidden += count
            }
        }
        return (flows, hidden)
    }

    /// Every establishment in scope, before or after the change, with its state: new, closed, changed or unchanged.
    static func mapPoints(before estateBefore: Estate, after estateAfter: Estate, changed changedCodes: Set<PrisonCode>) -> [MapPoint] {
        let allCodes = Set(estateBefore.establishments.map(\.code)).union(estateAfter.establishments.map(\.code))
        return allCodes.sorted().compactMap { code in
            let old = estateBefore.establishment(code), new = estateAfter.establishment(code)
            guard let e = new ?? old, e.isInScope else { return nil }
            let state: String
            if old == nil { state = "new" }
            else if new?.isClosed == true { state = "closed" }
            else if changedCodes.contains(code) { state = "changed" }
            else { state = "unchanged" }
            return MapPoint(code: code.rawValue, name: e.name, latitude: e.latitude, longitude: e.longitude,
                            places: (new ?? e).operationalCapacity, state: state)
        }
    }
}
