// Thread placement (spiral_threads.h says why). sched_getcpu and the affinity calls are GNU
// extensions, which Swift's Glibc module does not show.
#define _GNU_SOURCE
#include "spiral_threads.h"
#include <sched.h>
#include <unistd.h>

#ifdef __linux__
int spiral_thread_attr_start_elsewhere(pthread_attr_t *attributes) {
    cpu_set_t allowed;
    int here = sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    CPU_CLR(here, &allowed);
    if (CPU_COUNT(&allowed) == 0) return -1;
    return pthread_attr_setaffinity_np(attributes, sizeof allowed, &allowed);
}

void spiral_thread_run_anywhere(void) {
    cpu_set_t allowed;
    if (sched_getaffinity(getpid(), sizeof allowed, &allowed) == 0) {
        pthread_setaffinity_np(pthread_self(), sizeof allowed, &allowed);
    }
}

pid_t spiral_fork_here(void) {
    cpu_set_t allowed, here;
    int cpu = sched_getcpu();
    int placed = cpu >= 0 && cpu < CPU_SETSIZE && sched_getaffinity(0, sizeof allowed, &allowed) == 0;
    if (placed) {
        CPU_ZERO(&here);
        CPU_SET(cpu, &here);
        placed = sched_setaffinity(0, sizeof here, &here) == 0;
    }
    pid_t pid = fork();
    if (placed) sched_setaffinity(0, sizeof allowed, &allowed);
    return pid;
}
#else
pid_t spiral_fork_here(void) { return fork(); }
int spiral_thread_attr_start_elsewhere(pthread_attr_t *attributes) { (void)attributes; return -1; }
void spiral_thread_run_anywhere(void) {}
#endif
