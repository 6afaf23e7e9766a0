/// Which non-associations keep two people in different establishments, and
/// what sharing one costs otherwise (policy.yaml `non_associations:`).
///
/// The Non-associations API has no establishment level: its restrictions
/// keep people apart within a prison (cell, landing, wing). Which pairs a
/// transfer plan must hold in different establishments is therefore a policy
/// choice. The default: every WING-level pair, and every pair kept apart for
/// GANG_RELATED or ORGANISED_CRIME reasons, must be in different
/// establishments; any other open pair may share one at a cost. The cost (20
/// points a pair, about a seventh of a transfer) is an estimate: nothing
/// published prices it.
public struct NonAssociationPolicy: Sendable, Equatable {
    /// Restrictions that keep a pair in different establishments.
    public var apartRestrictions: Set<NonAssociationRestriction>
    /// Reasons that keep a pair in different establishments, whatever the restriction.
    public var apartReasons: Set<NonAssociationReason>
    /// Points for each other open pair that shares an establishment (0: free to share).
    public var sharingCost: Double

    public init(apartRestrictions: Set<NonAssociationRestriction>, apartReasons: Set<NonAssociationReason>,
                sharingCost: Double) {
        self.apartRestrictions = apartRestrictions
        self.apartReasons = apartReasons
        self.sharingCost = sharingCost
    }

    public static let standard = NonAssociationPolicy(apartRestrictions: [.wing], apartReasons: [.gangRelated, .organisedCrime],
                                                      sharingCost: 20)

    /// How the policy treats `pair`: apart (a hard constraint), a cost for
    /// sharing, or nothing (closed, or free to share).
    public func treatment(of pair: NonAssociation) -> Treatment {
        guard pair.isOpen, pair.a != pair.b else { return .ignored }
        if apartRestrictions.contains(pair.restriction) || apartReasons.contains(pair.reason) { return .apart }
        return sharingCost > 0 ? .sharingCost : .ignored
    }

    public enum Treatment: Sendable, Equatable {
        case apart
        case sharingCost
        case ignored
    }
}
