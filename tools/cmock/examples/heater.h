/*
 * heater.h: a heater actuator (the example's other mocked dependency).
 */
#ifndef TOOLS_CMOCK_EXAMPLES_HEATER_H_
#define TOOLS_CMOCK_EXAMPLES_HEATER_H_

#include <stdbool.h>

typedef struct {
  int level;       /* 0 (off) to 3 (full power) */
  bool fan;        /* run the fan while heating */
} heater_setting;

void heater_apply(const heater_setting *setting);
void heater_off(void);
const char *heater_name(void);

#endif /* TOOLS_CMOCK_EXAMPLES_HEATER_H_ */
