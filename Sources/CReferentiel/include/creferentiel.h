#ifndef CTG_CREFERENTIEL_H
#define CTG_CREFERENTIEL_H
/* The territory referential (scripts/referentiel.py writes referentiel.bin; its format is in
 * Sources/Territoires/FORMAT-REFERENTIEL.md), embedded in the program: no file to find at run
 * time, and the system reads its pages from the binary only when they are touched. */
extern const unsigned char ctg_referentiel[];
extern const unsigned long ctg_referentiel_taille;

/// The first byte of the referential (Swift does not import an array of unknown size).
static inline const unsigned char *ctg_referentiel_octets(void) { return ctg_referentiel; }
/// Its size in bytes (a function: Swift 6 reads no C global without a concurrency warning).
static inline unsigned long ctg_referentiel_nombre_octets(void) { return ctg_referentiel_taille; }
#endif
