#include "spiral_icu.h"
int spiral_icu_placeholder(void) { return 0; }
