#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int spiral_icu_placeholder(void);
#ifdef __cplusplus
}
#endif
