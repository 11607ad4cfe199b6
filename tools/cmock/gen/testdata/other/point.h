/*
 * other/point.h: a type that types.h uses but does not declare, as a
 * header's types often come from another header.
 */
#ifndef TOOLS_CMOCK_GEN_TESTDATA_OTHER_POINT_H_
#define TOOLS_CMOCK_GEN_TESTDATA_OTHER_POINT_H_

struct other_point {
  int x, y;
};

#endif /* TOOLS_CMOCK_GEN_TESTDATA_OTHER_POINT_H_ */
