# The same work as interp.gm, for CPython.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(27))
total = 0.0
i = 0
while i < 1000000:
    total = total + 0.5
    i = i + 1
print(total)
