from argmap.cli import console_main

console_main()  # as the `argmap` executable: without tearing down the heap at exit
