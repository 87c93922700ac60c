// libyaml's public interface (yaml.h, libyaml 0.2.5, MIT licence, copied from the copy
// that Yams vendors in its CYaml target). ctg declares it here to drive libyaml's event
// parser directly; the definitions are Yams' own compiled copy of libyaml, linked with Yams.
#include "yaml.h"
