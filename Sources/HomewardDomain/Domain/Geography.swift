/// A local authority district: the home area of prisoners' families.
public struct LocalAuthority: Sendable, Equatable {
    public var code: LADCode
    public var name: String
    public var regionCode: String
    /// ONS region name, or "Wales".
    public var region: String
    public var country: String
    /// Mid-2023 population estimate (ONS).
    public var population: Int
    public var latitude: Double
    public var longitude: Double

    public init(code: LADCode, name: String, regionCode: String, region: String, country: String,
                population: Int, latitude: Double, longitude: Double) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.region = region
        self.country = country
        self.population = population
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// The local authority districts of England and Wales, sorted by code.
public struct Geography: Sendable, Equatable {
    public let authorities: [LocalAuthority]
    private let indexByCode: [LADCode: Int]

    public init(authorities: [LocalAuthority]) {
        self.authorities = authorities.sorted { $0.code < $1.code }
        var index: [LADCode: Int] = [:]
        for (i, authority) in self.authorities.enumerated() { index[authority.code] = i }
        indexByCode = index
    }

    public static func == (lhs: Geography, rhs: Geography) -> Bool { lhs.authorities == rhs.authorities }

    public func index(of code: LADCode) -> Int? { indexByCode[code] }
    public func authority(_ code: LADCode) -> LocalAuthority? { indexByCode[code].map { authorities[$0] } }

    /// Region names in a stable order (alphabetical, with Wales last so that it stands out).
    public var regions: [String] {
        let names = Set(authorities.map(\.region))
        return names.filter { $0 != "Wales" }.sorted() + (names.contains("Wales") ? ["Wales"] : [])
    }
}
