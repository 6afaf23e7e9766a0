// One pure-C entry point over LEMON's NetworkSimplex (LEMON 1.3.1, Boost licence).
// Swift sees only this header. The implementation validates its input and
// catches every C++ exception, so nothing can abort or unwind into Swift.
#ifndef HOMEWARD_LEMON_SHIM_H
#define HOMEWARD_LEMON_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An optimal flow was found.
#define HW_MCF_OPTIMAL 0
/// No flow satisfies the supplies within the capacities.
#define HW_MCF_INFEASIBLE 1
/// The cost is unbounded below (cannot happen with finite capacities).
#define HW_MCF_UNBOUNDED 2
/// The input was refused before solving; `message` says why.
#define HW_MCF_BAD_INPUT (-1)
/// LEMON failed (out of memory or an exception); `message` says why.
#define HW_MCF_ERROR (-2)

/// Solves min sum(cost[a] * flow[a]) subject to 0 <= flow[a] <= capacity[a] and
/// (outflow - inflow)(v) = supply[v] at every node v.
///
/// Nodes are 0..<node_count; arc a runs from tail[a] to head[a].
/// On HW_MCF_OPTIMAL, flow[a] holds the optimal flow, potential[v] the node
/// potentials with reduced cost cost[a] + potential[tail] - potential[head],
/// and *total_cost the objective. `message` (may be NULL) receives a short
/// NUL-terminated reason on failure.
int hw_mcf_solve(int32_t node_count, int32_t arc_count,
                 const int32_t *tail, const int32_t *head,
                 const int64_t *cost, const int64_t *capacity, const int64_t *supply,
                 int64_t *flow, int64_t *potential, int64_t *total_cost,
                 char *message, size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif
