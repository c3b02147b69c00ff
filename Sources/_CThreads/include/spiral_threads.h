#ifndef SPIRAL_THREADS_H
#define SPIRAL_THREADS_H

#include <pthread.h>
#include <sys/types.h>

/// Asks for a new thread to start on a CPU other than the calling thread's, when the process
/// may use another: Linux puts a new thread on its creator's CPU, where it waits until the
/// creator's time slice ends (0.6-4 ms measured on a two-core machine), while the other core
/// sits idle. Returns 0 when `attributes` were changed.
int spiral_thread_attr_start_elsewhere(pthread_attr_t *attributes);

/// Lets the calling thread run on any CPU its process's main thread may use (undoes the above
/// once the thread has started).
void spiral_thread_run_anywhere(void);

/// fork(), with the new process started on the calling thread's CPU: about to wait, the caller
/// leaves that CPU to it at once, where the other core may first have to wake (up to a
/// millisecond and more on the virtual machines measured). Both processes may then run on any
/// CPU again. Calls only C: safe as a new thread's first act (FamilyProcesses says why).
pid_t spiral_fork_here(void);

#endif
