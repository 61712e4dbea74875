print("theta: not built yet")
