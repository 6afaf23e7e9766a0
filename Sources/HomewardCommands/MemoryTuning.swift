#if os(Linux)
/// glibc's `int mallopt(int param, int value)` from `<malloc.h>`, which the Glibc module does not import.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `<malloc.h>`'s parameter numbers.
private let M_TRIM_THRESHOLD: Int32 = -1
private let M_MMAP_THRESHOLD: Int32 = -3
#endif

/// How the C allocator treats the large arrays that every solve allocates
/// and frees (1.5 million arcs' flows, costs and tree states for the national
/// network).
///
/// By default glibc hands back to the kernel whatever is freed at the top of
/// the heap, and serves large blocks from fresh mappings, so each solve of a
/// loop (the weeks of a simulation, the scenarios of a sweep) faults its
/// working storage in again page by page, zeroed by the kernel. Keeping freed
/// memory for re-use removes that work: a national year runs about 14%
/// faster (measured interleaved: 23.0 and 24.7 s against 27.5 and 27.8 s), at
/// the cost of a peak resident size some 7% higher (645–652 MiB against
/// 596–613 MiB; the national allocation 332 MiB against 314 MiB), since memory
/// freed after the peak stays with the process until it ends.
enum MemoryTuning {
    /// The largest block served from the heap rather than a fresh mapping
    /// (glibc's ceiling for this setting on 64-bit Linux, 32 MiB).
    static let mappingThreshold: Int32 = 32 << 20

    /// Keeps freed memory for re-use. Does nothing off Linux (elsewhere the allocator is not glibc's).
    static func keepFreedMemory() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, mappingThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        #endif
    }
}
