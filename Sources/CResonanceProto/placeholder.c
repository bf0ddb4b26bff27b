#include "CResonanceProto.h"
