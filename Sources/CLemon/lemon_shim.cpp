#include "lemon_shim.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <vector>

namespace {

void write_message(char *message, size_t capacity, const char *text) {
    if (message == nullptr || capacity == 0) {
        return;
    }
    std::snprintf(message, capacity, "%s", text);
}

// Costs and flows are 64-bit; keep every product and sum far from overflow.
constexpr int64_t kMagnitudeLimit = int64_t(1) << 40;

}  // namespace

extern "C" int hw_mcf_solve(int32_t node_count, int32_t arc_count,
                            const int32_t *tail, const int32_t *head,
                            const int64_t *cost, const int64_t *capacity, const int64_t *supply,
                            int64_t *flow, int64_t *potential, int64_t *total_cost,
                            char *message, size_t message_capacity) {
    try {
        if (node_count < 1) {
            write_message(message, message_capacity, "the network has no nodes");
            return HW_MCF_BAD_INPUT;
        }
        if (arc_count < 0) {
            write_message(message, message_capacity, "negative arc count");
            return HW_MCF_BAD_INPUT;
        }
        if (supply == nullptr || potential == nullptr || total_cost == nullptr ||
            (arc_count > 0 && (tail == nullptr || head == nullptr || cost == nullptr ||
                               capacity == nullptr || flow == nullptr))) {
            write_message(message, message_capacity, "a required array is missing");
            return HW_MCF_BAD_INPUT;
        }
        int64_t balance = 0;

        for (int32_t v = 0; v < node_count; v++) {
            if (supply[v] > kMagnitudeLimit || supply[v] < -kMagnitudeLimit) {
                write_message(message, message_capacity, "a node supply is too large");
                return HW_MCF_BAD_INPUT;
            }
            balance += supply[v];
        }
        if (balance != 0) {
            write_message(message, message_capacity, "supplies do not sum to zero");
            return HW_MCF_BAD_INPUT;
        }
        for (int32_t a = 0; a < arc_count; a++) {
            if (tail[a] < 0 || tail[a] >= node_count || head[a] < 0 || head[a] >= node_count) {
                write_message(message, message_capacity, "an arc end is out of range");
                return HW_MCF_BAD_INPUT;
            }
            if (capacity[a] < 0 || capacity[a] > kMagnitudeLimit) {
                write_message(message, message_capacity, "an arc capacity is negative or too large");
                return HW_MCF_BAD_INPUT;
            }
            if (cost[a] > kMagnitudeLimit || cost[a] < -kMagnitudeLimit) {
                write_message(message, message_capacity, "an arc cost is too large");
                return HW_MCF_BAD_INPUT;
            }
        }
        // The objective must stay well inside int64: bound sum(|cost| * capacity).
        {
            __int128 bound = 0;
            const __int128 limit = (__int128)1 << 62;
            for (int32_t a = 0; a < arc_count; a++) {
                int64_t magnitude = cost[a] < 0 ? -cost[a] : cost[a];
                int64_t reach = capacity[a];
                bound += (__int128)magnitude * (__int128)reach;
                if (bound >= limit) {
                    write_message(message, message_capacity,
                                  "costs times capacities could overflow 64-bit arithmetic");
                    return HW_MCF_BAD_INPUT;
                }
            }
        }

        using Graph = lemon::SmartDigraph;
        Graph graph;
        graph.reserveNode(node_count);
        graph.reserveArc(arc_count);
        std::vector<Graph::Node> nodes;
        nodes.reserve(static_cast<size_t>(node_count));
        for (int32_t v = 0; v < node_count; v++) {
            nodes.push_back(graph.addNode());
        }
        std::vector<Graph::Arc> arcs;
        arcs.reserve(static_cast<size_t>(arc_count));
        for (int32_t a = 0; a < arc_count; a++) {
            arcs.push_back(graph.addArc(nodes[tail[a]], nodes[head[a]]));
        }
        Graph::ArcMap<int64_t> cost_map(graph);
        Graph::ArcMap<int64_t> capacity_map(graph);
        Graph::NodeMap<int64_t> supply_map(graph);
        for (int32_t a = 0; a < arc_count; a++) {
            cost_map[arcs[a]] = cost[a];
            capacity_map[arcs[a]] = capacity[a];
        }
        for (int32_t v = 0; v < node_count; v++) {
            supply_map[nodes[v]] = supply[v];
        }

        lemon::NetworkSimplex<Graph, int64_t, int64_t> simplex(graph);
        simplex.costMap(cost_map).upperMap(capacity_map).supplyMap(supply_map);
        auto result = simplex.run(lemon::NetworkSimplex<Graph, int64_t, int64_t>::BLOCK_SEARCH);
        switch (result) {
        case lemon::NetworkSimplex<Graph, int64_t, int64_t>::INFEASIBLE:
            write_message(message, message_capacity, "no feasible flow");
            return HW_MCF_INFEASIBLE;
        case lemon::NetworkSimplex<Graph, int64_t, int64_t>::UNBOUNDED:
            write_message(message, message_capacity, "unbounded");
            return HW_MCF_UNBOUNDED;
        case lemon::NetworkSimplex<Graph, int64_t, int64_t>::OPTIMAL:
            break;
        }
        for (int32_t a = 0; a < arc_count; a++) {
            flow[a] = simplex.flow(arcs[a]);
        }
        for (int32_t v = 0; v < node_count; v++) {
            potential[v] = simplex.potential(nodes[v]);
        }
        *total_cost = simplex.totalCost<int64_t>();
        return HW_MCF_OPTIMAL;
    } catch (const std::bad_alloc &) {
        write_message(message, message_capacity, "out of memory");
        return HW_MCF_ERROR;
    } catch (const std::exception &error) {
        write_message(message, message_capacity, error.what());
        return HW_MCF_ERROR;
    } catch (...) {
        write_message(message, message_capacity, "unknown C++ exception");
        return HW_MCF_ERROR;
    }
}
