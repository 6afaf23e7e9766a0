// The core's layers, under one import for their users (commands, tests, benchmarks and fuzz targets).
// Each layer is its own target, so that the compiler keeps the dependencies pointing downwards:
//
//   HomewardDomain  →  HomewardInput  →  HomewardModel  →  HomewardAnalysis
//   (facts, policy,     (parsing,          (formulation,      (metrics, comparison,
//    costs)              validation,        solver boundary,   sweep, simulation,
//                        instances)         plans)             checking)
//
// docs/ARCHITECTURE.md draws the whole graph.
@_exported import HomewardDomain
@_exported import HomewardInput
@_exported import HomewardModel
@_exported import HomewardAnalysis
