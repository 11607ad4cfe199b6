/*
 * thermostat.c: see thermostat.h.
 */
#include "tools/cmock/examples/thermostat.h"

#include "tools/cmock/examples/heater.h"
#include "tools/cmock/examples/sensor.h"

thermostat_status thermostat_step(int channel, int target_millidegrees) {
  int now = 0;
  if (sensor_read(channel, &now) != SENSOR_OK) {
    heater_off();
    return THERMOSTAT_SENSOR_FAILED;
  }
  if (now >= target_millidegrees) {
    heater_off();
    return THERMOSTAT_OK;
  }
  heater_setting setting = {.level = 1, .fan = false};
  if (target_millidegrees - now > 2000) {
    setting.level = 3;
    setting.fan = true;
  }
  heater_apply(&setting);
  return THERMOSTAT_OK;
}
