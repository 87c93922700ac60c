// Nothing to import: CFuzz only gives the fuzz executable its `main` (see cfuzz.c).
