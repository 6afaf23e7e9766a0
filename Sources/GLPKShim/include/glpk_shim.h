// A thin C layer between Swift and GLPK.
//
// GLPK reports an invalid argument by printing a message and calling abort().
// Swift validates every argument before it reaches GLPK, so that should never
// happen; this shim is the backstop. Each entry point below runs its GLPK calls
// behind setjmp with glp_error_hook installed. If GLPK faults, the hook
// longjmps back here (never across a Swift frame), the shim frees the thread's
// GLPK environment (the only call GLPK allows after a fault), and the entry
// point returns HW_GLP_FAULT. Every GLPK object of the calling thread is then
// gone; the Swift wrapper tracks this with an environment generation number.
#ifndef HOMEWARD_GLPK_SHIM_H
#define HOMEWARD_GLPK_SHIM_H

#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Returned by an entry point when GLPK raised a fatal error that the hook caught.
#define HW_GLP_FAULT (-1000)

/// Sends GLPK's terminal output for the calling thread to `callback`
/// (which returns nonzero to suppress GLPK's own printing). Pass NULL to restore.
void hw_glp_set_terminal_callback(int (*callback)(const char *text));

/// The generation of the calling thread's GLPK environment. It grows by one
/// each time a fault frees the environment; objects from an older generation
/// must never be touched again.
unsigned long hw_glp_environment_generation(void);

/// Frees the calling thread's GLPK environment and every object in it
/// (glp_free_env), and starts a new generation. Call when a worker thread
/// has finished with GLPK.
void hw_glp_free_environment(void);

/// Creates an empty problem object. Returns NULL on a fault.
glp_prob *hw_glp_create(void);

/// Deletes a problem object.
void hw_glp_delete(glp_prob *problem);

/// Loads a whole problem in one pass. Arrays are 0-based here; the shim
/// converts to GLPK's 1-based convention. `row_kind` and `col_kind` are GLPK
/// bound types (GLP_FR, GLP_LO, GLP_UP, GLP_DB, GLP_FX). Names may be NULL.
/// Returns 0, or HW_GLP_FAULT.
int hw_glp_load(glp_prob *problem, int minimise,
                int rows, const int *row_kind, const double *row_lower, const double *row_upper,
                const char *const *row_names,
                int cols, const int *col_kind, const double *col_lower, const double *col_upper,
                const double *col_cost, const char *const *col_names,
                int entries, const int *entry_row, const int *entry_col, const double *entry_value,
                const char *problem_name);

/// Sets one objective coefficient (1-based column). Returns 0 or HW_GLP_FAULT.
int hw_glp_set_cost(glp_prob *problem, int col, double cost);

/// Sets one column's bounds (1-based). Returns 0 or HW_GLP_FAULT.
int hw_glp_set_col_bounds(glp_prob *problem, int col, int kind, double lower, double upper);

/// Sets one row's bounds (1-based). Returns 0 or HW_GLP_FAULT.
int hw_glp_set_row_bounds(glp_prob *problem, int row, int kind, double lower, double upper);

/// Installs the all-slack standard basis (glp_std_basis) or the advanced
/// crash basis (glp_adv_basis). Returns 0 or HW_GLP_FAULT.
int hw_glp_std_basis(glp_prob *problem);
int hw_glp_adv_basis(glp_prob *problem);

/// Runs glp_simplex. Returns its code, or HW_GLP_FAULT.
int hw_glp_simplex(glp_prob *problem, int method, int presolve, int iteration_limit,
                   int time_limit_ms, int message_level);

/// Marks columns (0-based) as integer (glp_set_col_kind GLP_IV). Returns 0 or HW_GLP_FAULT.
int hw_glp_set_integer(glp_prob *problem, int count, const int *cols);

/// Solves the LP relaxation (glp_simplex, dual then primal, from an advanced
/// basis) and then, if it is optimal, runs branch-and-cut (glp_intopt) with
/// presolve off. `warm`, if not NULL, is a 1-based array (element 0 unused) of
/// an integer-feasible solution, offered once to GLPK as a heuristic solution.
/// Reports the relaxation's code, the nodes of the search tree and the last
/// relative MIP gap seen. Returns glp_intopt's code (or the relaxation's, if it
/// failed), or HW_GLP_FAULT.
int hw_glp_intopt(glp_prob *problem, const double *warm, int time_limit_ms, int message_level,
                  int *simplex_code, int *nodes, double *gap);

/// Reads a problem file into `problem` (format 0 = CPLEX LP, 1 = free MPS).
/// Returns glp_read_lp/glp_read_mps's code, or HW_GLP_FAULT.
int hw_glp_read(glp_prob *problem, const char *path, int format);

/// Runs a deliberately invalid call (a column index out of range), to prove
/// in tests that the backstop turns GLPK's abort into HW_GLP_FAULT.
int hw_glp_provoke_fault(glp_prob *problem);

#ifdef __cplusplus
}
#endif

#endif
