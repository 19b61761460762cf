"""What the sample scripts share: cents split by largest remainder, amounts written the Italian
and the dot way, and CSV lines quoted as a spreadsheet writes them."""


def split(cents, weights):
    """Largest remainder: floors, then one cent each to the largest remainders, ties to the earlier."""
    total = sum(weights)
    parts = [cents * w // total for w in weights]
    rema = [(cents * w % total, i) for i, w in enumerate(weights)]
    left = cents - sum(parts)
    for _, i in sorted(rema, key=lambda x: (-x[0], x[1]))[:left]:
        parts[i] += 1
    return parts


def it(cents):
    s = f"{abs(cents) // 100:,}".replace(",", ".") + "," + f"{abs(cents) % 100:02d}"
    return ("-" if cents < 0 else "") + s


def dot(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def q(cell, delimiter=";"):
    cell = str(cell)
    if any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def line(cells, delimiter=";"):
    return delimiter.join(q(c, delimiter) for c in cells) + "\n"
