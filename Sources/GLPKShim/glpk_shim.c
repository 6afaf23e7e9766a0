#include "glpk_shim.h"

#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>

static _Thread_local jmp_buf hw_jump;
static _Thread_local unsigned long hw_generation = 0;
static _Thread_local int (*hw_terminal_callback)(const char *text) = NULL;

static void hw_error_hook(void *info) {
    (void)info;
    longjmp(hw_jump, 1);
}

static int hw_terminal_hook(void *info, const char *text) {
    (void)info;
    if (hw_terminal_callback != NULL) {
        return hw_terminal_callback(text);
    }
    return 1; /* suppress: GLPK never writes to our stdout */
}

static void hw_enter(void) {
    glp_term_hook(hw_terminal_hook, NULL);
    glp_error_hook(hw_error_hook, NULL);
}

static void hw_leave(void) {
    glp_error_hook(NULL, NULL);
}

static void hw_after_fault(void) {
    /* After glp_error only glp_free_env is allowed; it frees every object of this thread. */
    glp_free_env();
    hw_generation += 1;
}

#define HW_GUARD_BEGIN                 \
    if (setjmp(hw_jump) != 0) {        \
        hw_after_fault();              \
        return HW_GLP_FAULT;           \
    }                                  \
    hw_enter();

#define HW_GUARD_END hw_leave();

void hw_glp_set_terminal_callback(int (*callback)(const char *text)) {
    hw_terminal_callback = callback;
}

unsigned long hw_glp_environment_generation(void) {
    return hw_generation;
}

void hw_glp_free_environment(void) {
    glp_free_env();
    hw_generation += 1;
}

glp_prob *hw_glp_create(void) {
    if (setjmp(hw_jump) != 0) {
        hw_after_fault();
        return NULL;
    }
    hw_enter();
    glp_prob *problem = glp_create_prob();
    hw_leave();
    return problem;
}

void hw_glp_delete(glp_prob *problem) {
    if (setjmp(hw_jump) != 0) {
        hw_after_fault();
        return;
    }
    hw_enter();
    glp_delete_prob(problem);
    hw_leave();
}

int hw_glp_load(glp_prob *problem, int minimise,
                int rows, const int *row_kind, const double *row_lower, const double *row_upper,
                const char *const *row_names,
                int cols, const int *col_kind, const double *col_lower, const double *col_upper,
                const double *col_cost, const char *const *col_names,
                int entries, const int *entry_row, const int *entry_col, const double *entry_value,
                const char *problem_name) {
    int *ia = NULL;
    int *ja = NULL;
    double *ar = NULL;
    /* volatile: these must survive a longjmp back into this frame. */
    int *volatile ia_keep = NULL;
    int *volatile ja_keep = NULL;
    double *volatile ar_keep = NULL;
    if (setjmp(hw_jump) != 0) {
        free(ia_keep);
        free(ja_keep);
        free(ar_keep);
        hw_after_fault();
        return HW_GLP_FAULT;
    }
    hw_enter();
    glp_erase_prob(problem);
    glp_set_obj_dir(problem, minimise ? GLP_MIN : GLP_MAX);
    if (problem_name != NULL) {
        glp_set_prob_name(problem, problem_name);
    }
    if (rows > 0) {
        glp_add_rows(problem, rows);
    }
    for (int i = 0; i < rows; i++) {
        glp_set_row_bnds(problem, i + 1, row_kind[i], row_lower[i], row_upper[i]);
        if (row_names != NULL && row_names[i] != NULL) {
            glp_set_row_name(problem, i + 1, row_names[i]);
        }
    }
    if (cols > 0) {
        glp_add_cols(problem, cols);
    }
    for (int j = 0; j < cols; j++) {
        glp_set_col_bnds(problem, j + 1, col_kind[j], col_lower[j], col_upper[j]);
        glp_set_obj_coef(problem, j + 1, col_cost[j]);
        if (col_names != NULL && col_names[j] != NULL) {
            glp_set_col_name(problem, j + 1, col_names[j]);
        }
    }
    if (entries > 0) {
        ia = malloc(sizeof(int) * (size_t)(entries + 1));
        ja = malloc(sizeof(int) * (size_t)(entries + 1));
        ar = malloc(sizeof(double) * (size_t)(entries + 1));
        ia_keep = ia;
        ja_keep = ja;
        ar_keep = ar;
        if (ia == NULL || ja == NULL || ar == NULL) {
            free(ia);
            free(ja);
            free(ar);
            hw_leave();
            return -1;
        }
        ia[0] = 0;
        ja[0] = 0;
        ar[0] = 0.0;
        for (int k = 0; k < entries; k++) {
            ia[k + 1] = entry_row[k] + 1;
            ja[k + 1] = entry_col[k] + 1;
            ar[k + 1] = entry_value[k];
        }
        glp_load_matrix(problem, entries, ia, ja, ar);
        free(ia);
        free(ja);
        free(ar);
        ia_keep = NULL;
        ja_keep = NULL;
        ar_keep = NULL;
    }
    hw_leave();
    return 0;
}

int hw_glp_set_cost(glp_prob *problem, int col, double cost) {
    HW_GUARD_BEGIN
    glp_set_obj_coef(problem, col, cost);
    HW_GUARD_END
    return 0;
}

int hw_glp_set_col_bounds(glp_prob *problem, int col, int kind, double lower, double upper) {
    HW_GUARD_BEGIN
    glp_set_col_bnds(problem, col, kind, lower, upper);
    HW_GUARD_END
    return 0;
}

int hw_glp_set_row_bounds(glp_prob *problem, int row, int kind, double lower, double upper) {
    HW_GUARD_BEGIN
    glp_set_row_bnds(problem, row, kind, lower, upper);
    HW_GUARD_END
    return 0;
}

int hw_glp_std_basis(glp_prob *problem) {
    HW_GUARD_BEGIN
    glp_std_basis(problem);
    HW_GUARD_END
    return 0;
}

int hw_glp_adv_basis(glp_prob *problem) {
    HW_GUARD_BEGIN
    glp_adv_basis(problem, 0);
    HW_GUARD_END
    return 0;
}

int hw_glp_simplex(glp_prob *problem, int method, int presolve, int iteration_limit,
                   int time_limit_ms, int message_level) {
    volatile int code = 0;
    HW_GUARD_BEGIN
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = message_level;
    parm.meth = method;
    parm.presolve = presolve ? GLP_ON : GLP_OFF;
    if (iteration_limit > 0) {
        parm.it_lim = iteration_limit;
    }
    if (time_limit_ms > 0) {
        parm.tm_lim = time_limit_ms;
    }
    code = glp_simplex(problem, &parm);
    HW_GUARD_END
    return code;
}

int hw_glp_read(glp_prob *problem, const char *path, int format) {
    volatile int code = 0;
    HW_GUARD_BEGIN
    if (format == 0) {
        code = glp_read_lp(problem, NULL, path);
    } else {
        code = glp_read_mps(problem, GLP_MPS_FILE, NULL, path);
    }
    HW_GUARD_END
    return code;
}

int hw_glp_provoke_fault(glp_prob *problem) {
    HW_GUARD_BEGIN
    glp_set_obj_coef(problem, glp_get_num_cols(problem) + 1000, 1.0);
    HW_GUARD_END
    return 0;
}

int hw_glp_set_integer(glp_prob *problem, int count, const int *cols) {
    HW_GUARD_BEGIN
    for (int k = 0; k < count; k++) {
        glp_set_col_kind(problem, cols[k] + 1, GLP_IV);
    }
    HW_GUARD_END
    return 0;
}

/* What the branch-and-cut callback needs and records. */
typedef struct {
    const double *warm; /* 1-based column values of a known integer solution, or NULL */
    int offered;
    int nodes;
    double gap;
} hw_mip_info;

static void hw_mip_callback(glp_tree *tree, void *info) {
    hw_mip_info *mip = (hw_mip_info *)info;
    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(tree, &active, &current, &total);
    if (total > mip->nodes) {
        mip->nodes = total;
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && mip->warm != NULL && !mip->offered) {
        mip->offered = 1;
        glp_ios_heur_sol(tree, mip->warm);
    }
    if (glp_ios_reason(tree) == GLP_IBINGO || glp_ios_reason(tree) == GLP_ISELECT) {
        mip->gap = glp_ios_mip_gap(tree);
    }
}

int hw_glp_intopt(glp_prob *problem, const double *warm, int time_limit_ms, int message_level,
                  int *simplex_code, int *nodes, double *gap) {
    volatile int code = 0;
    hw_mip_info info = { warm, 0, 0, 0.0 };
    *simplex_code = 0;
    *nodes = 0;
    *gap = 0.0;
    HW_GUARD_BEGIN
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = message_level;
    /* The primal simplex from GLPK's crash basis, as glpsol does: the dual simplex from that basis,
       which is not dual feasible, took 48 s on the root LP of a 300-person week's MIP that the primal
       solves in 0.1 s (scripts/bench-peers-mip.sh; the solver research notes, finding 3). */
    lp.meth = GLP_PRIMAL;
    /* The time limit covers the root LP too: on a large restricted MIP the root LP alone can take longer
       than the whole limit (12 s against 3 s, measured on a national week with 10,000 pairs). */
    double started = glp_time();
    if (time_limit_ms > 0) {
        lp.tm_lim = time_limit_ms;
    }
    glp_adv_basis(problem, 0);
    int relaxation = glp_simplex(problem, &lp);
    *simplex_code = relaxation;
    if (relaxation != 0 || glp_get_status(problem) != GLP_OPT) {
        HW_GUARD_END
        return relaxation;
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = message_level;
    parm.presolve = GLP_OFF;
    parm.cb_func = hw_mip_callback;
    parm.cb_info = &info;
    if (time_limit_ms > 0) {
        double left = time_limit_ms - 1000.0 * glp_difftime(glp_time(), started);
        parm.tm_lim = left > 1.0 ? (int)left : 1;
    }
    code = glp_intopt(problem, &parm);
    HW_GUARD_END
    *nodes = info.nodes;
    *gap = info.gap;
    return code;
}
