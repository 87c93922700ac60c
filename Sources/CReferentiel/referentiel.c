#include "creferentiel.h"

/* clang accepts #embed before C23 as an extension; this file is its only user. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
/* Aligned so that the reader may load its 4-byte fields in place. */
__attribute__((aligned(16))) const unsigned char ctg_referentiel[] = {
#embed "referentiel.bin"
};
#pragma clang diagnostic pop

const unsigned long ctg_referentiel_taille = sizeof ctg_referentiel;
