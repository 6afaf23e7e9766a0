/// Writes a ``FlowNetwork`` in the DIMACS minimum-cost flow format, which
/// network solvers read directly (OR-Tools' `SimpleMinCostFlow` through a
/// few lines of Python, LEMON's `dimacs-solver`, CS2).
///
/// ```
/// c comment
/// p min NODES ARCS
/// n ID SUPPLY          (1-based node id; only nodes with a non-zero supply)
/// a TAIL HEAD LOW CAP COST
/// ```
///
/// Node `v` of the network is DIMACS node `v + 1`; arc `a` is the `a + 1`-th
/// `a` line, so a solver's flows read back arc for arc. Supplies are positive
/// at sources and negative at sinks, as in ``FlowNetwork``; lower bounds are
/// always 0. Costs and capacities are the network's integers, so the optimum
/// a peer reports is exactly ``FlowNetwork/cost(of:)`` of ours (for the
/// allocation model: centipoints, summary.json's objective times 100).
/// Output is deterministic: the same network gives the same bytes.
public enum DIMACSWriter {
    /// Writes `network`.
    /// - Parameters:
    ///   - network: the network (side constraints have no DIMACS form; leave them out before calling).
    ///   - comment: lines written as `c` comments at the top.
    /// - Returns: the file's text.
    public static func write(_ network: FlowNetwork, comment: [String] = []) -> String {
        var out = ""
        out.reserveCapacity(64 + network.nodeCount * 4 + network.arcCount * 28)
        for line in comment {
            // A comment must stay on its line, or the rest would be read as data.
            out += "c "
            out += line.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
            out += "\n"
        }
        out += "p min \(network.nodeCount) \(network.arcCount)\n"
        for v in 0..<network.nodeCount where network.supplies[v] != 0 {
            out += "n "
            out += String(v + 1)
            out += " "
            out += String(network.supplies[v])
            out += "\n"
        }
        for a in 0..<network.arcCount {
            out += "a "
            out += String(Int(network.tails[a]) + 1)
            out += " "
            out += String(Int(network.heads[a]) + 1)
            out += " 0 "
            out += String(network.capacities[a])
            out += " "
            out += String(network.costs[a])
            out += "\n"
        }
        return out
    }
}
