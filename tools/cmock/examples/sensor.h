/*
 * sensor.h: a temperature sensor driver (the example's mocked dependency).
 */
#ifndef TOOLS_CMOCK_EXAMPLES_SENSOR_H_
#define TOOLS_CMOCK_EXAMPLES_SENSOR_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { SENSOR_OK = 0, SENSOR_ERROR = 1 } sensor_status;

/* sensor_read stores the temperature of channel in *millidegrees. */
sensor_status sensor_read(int channel, int *millidegrees);

#ifdef __cplusplus
}
#endif

#endif /* TOOLS_CMOCK_EXAMPLES_SENSOR_H_ */
