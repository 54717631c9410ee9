"""Published reference data: DfE figures for every council, region and England, statistical
neighbours and RIG figures, imported into the store for benchmarking."""
