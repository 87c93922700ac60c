import CTGCommands
await CTG.main()
