"""A capofila plan table (servizi target, 19 columns, read by Mappings/capofila-servizi.yaml):
Windows-1252, ';', CRLF, comma decimals, as Excel on Italian Windows saves it.

    python3 Benchmarks/plan_table.py 250                 # writes plan-table.csv (about 250 MB) here
    python3 Benchmarks/plan_table.py 250 data/plan-250/capofila-servizi-OR-2019.csv   # or there
    Benchmarks/c-baseline/csvcount plan-table.csv 8 ";"  # the floor: column 8 is the total cost

Prints the row count and the sum of the total costs in cents, for checking a contender.
"""
import random, sys
random.seed(2026)
size = int(sys.argv[1]) * 10**6
header = "Anno;Codice servizio;Denominazione servizio;Area di utenza;Tipologia;Gestione;Sede;Costo totale;Fondo regionale PLUS;Quota Comuni;Quota ASL;Quota Provincia;FNPS;FNA;Fondi UE;Compartecipazione utenti;Altre fonti;Criterio di riparto;Note\r\n"
def money(c): 
    s = f"{c // 100:,}".replace(",", "."); return f"{s},{c % 100:02d}"
out = open(sys.argv[2] if len(sys.argv) > 2 else "plan-table.csv", "wb"); out.write(header.encode("cp1252")); n = 0; total = 0; i = 0
while n < size:
    i += 1
    parts = [random.randrange(0, 5_000_000) for _ in range(4)]
    cost = sum(parts); total += cost
    row = ["2019", f"S{i}", f"Servizio n. {i} per la comunità", random.choice(["anziani", "minori", "disabili"]),
           random.choice(["sociale", "socio-sanitario"]), "associata", "Oristano", money(cost), money(parts[0]), money(parts[1]),
           money(parts[2]), "", money(parts[3]), "", "", "", "", random.choice(["residenti", "quote uguali"]), "gestione associata"]
    line = (";".join(row) + "\r\n").encode("cp1252"); out.write(line); n += len(line)
print(f"rows={i} sum_cents={total}")
