#include "spiral_readline.h"
int spiral_rl_placeholder(void) { return 0; }
