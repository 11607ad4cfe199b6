#ifndef LOG_H
#define LOG_H

void log_mode(int mode : 3);
void log_level(int level);

#endif
