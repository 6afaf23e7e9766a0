import Foundation

/// Distances from every home area to every establishment, in kilometres.
///
/// The default model is the great-circle distance between the local authority
/// district's ONS point and the establishment's postcode, multiplied by a road
/// circuity factor (policy `distance.circuity_factor`). A distance matrix file
/// may override any pair with a measured road distance.
public struct DistanceTable: Sendable, Equatable {
    /// Modelled (road) distance, row-major by authority then establishment.
    public let roadKm: [Double]
    /// Straight-line (great-circle) distance, for comparison with MoJ's published series.
    public let straightKm: [Double]
    public let establishmentCount: Int
    public let circuityFactor: Double
    /// How many pairs came from a distance matrix rather than the model.
    public let measuredPairs: Int

    /// Builds the table.
    /// - Parameters:
    ///   - geography: home areas.
    ///   - estate: establishments (all, in estate order).
    ///   - circuityFactor: road distance / great-circle distance.
    ///   - measured: road distances in km by (authority index, establishment index) that replace the model.
    public init(geography: Geography, estate: Estate, circuityFactor: Double, measured: [Int: [Int: Double]] = [:]) {
        let p = estate.count
        var road = [Double](repeating: 0, count: geography.authorities.count * p)
        var straight = road
        var count = 0
        for (a, authority) in geography.authorities.enumerated() {
            for (e, establishment) in estate.establishments.enumerated() {
                let km = DistanceTable.greatCircleKm(
                    authority.latitude, authority.longitude, establishment.latitude, establishment.longitude)
                straight[a * p + e] = km
                if let value = measured[a]?[e] {
                    road[a * p + e] = value
                    count += 1
                } else {
                    road[a * p + e] = km * circuityFactor
                }
            }
        }
        roadKm = road
        straightKm = straight
        establishmentCount = p
        self.circuityFactor = circuityFactor
        measuredPairs = count
    }

    /// Modelled road distance in km.
    public func km(_ authority: Int, _ establishment: Int) -> Double {
        roadKm[authority * establishmentCount + establishment]
    }

    /// Straight-line distance in km.
    public func straight(_ authority: Int, _ establishment: Int) -> Double {
        straightKm[authority * establishmentCount + establishment]
    }

    /// Kilometres per statute mile.
    public static let kmPerMile = 1.609344

    /// Haversine great-circle distance on a sphere of the IUGG mean Earth radius (6371.0088 km).
    public static func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radius = 6371.0088
        let toRadians = Double.pi / 180
        let dLat = (lat2 - lat1) * toRadians
        let dLon = (lon2 - lon1) * toRadians
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(lat1 * toRadians) * cos(lat2 * toRadians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * radius * asin(min(1, a.squareRoot()))
    }
}
