#pragma once
int spiral_rl_placeholder(void);
