print("plus")
