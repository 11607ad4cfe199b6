#ifndef OK_H
#define OK_H

int ok_get(int key);

#endif
