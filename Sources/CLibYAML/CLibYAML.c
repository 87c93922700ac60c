// Declarations only: libyaml's code comes from Yams' CYaml target (see include/CLibYAML.h).
#include "CLibYAML.h"
