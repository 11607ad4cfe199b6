/*
 * thermostat.h: a thermostat that reads a sensor and drives a heater; the
 * module the example's tests exercise with mocked sensor and heater.
 */
#ifndef TOOLS_CMOCK_EXAMPLES_THERMOSTAT_H_
#define TOOLS_CMOCK_EXAMPLES_THERMOSTAT_H_

typedef enum { THERMOSTAT_OK = 0, THERMOSTAT_SENSOR_FAILED = 1 } thermostat_status;

/*
 * thermostat_step reads the sensor on channel and heats towards
 * target_millidegrees: full power more than 2 degrees below, gently within 2
 * degrees, off at or above the target. A failed read turns the heater off.
 */
thermostat_status thermostat_step(int channel, int target_millidegrees);

#endif /* TOOLS_CMOCK_EXAMPLES_THERMOSTAT_H_ */
