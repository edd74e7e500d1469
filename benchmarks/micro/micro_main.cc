// The Catch2 main of micro_benchmarks. CATCH_CONFIG_ENABLE_BENCHMARKING comes from the target's
// compile definitions, so that every translation unit sees BENCHMARK.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
